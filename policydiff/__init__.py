"""policydiff."""
