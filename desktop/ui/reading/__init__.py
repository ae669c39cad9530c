"""The reading area: a Kazakh | Russian pair of articles, aligned segment by segment."""
