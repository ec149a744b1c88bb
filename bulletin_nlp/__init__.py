"""bulletin_nlp: structured data from Chinese county-government bulletins."""
