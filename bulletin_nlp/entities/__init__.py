"""Entities: the rule-based spaCy components (agencies, townships, quantities), the gazetteer
behind them (the one home of county detection) and the quantity finder."""
