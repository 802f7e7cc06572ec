"""The case file: what an agency sends back, kept with the request, read and searchable."""
