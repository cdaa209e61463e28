"""A person's record as staff use it: finding a person, their page, adding to it, merging two
records, and the people API. Built on ``people`` (the records themselves) and ``access`` (who
may see them), so it stands above both; its URLs keep the ``people`` namespace."""
