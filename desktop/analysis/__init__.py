"""Text analysis: language, countries, sectors, people, organisations, figures, quotes.

Pure functions over text, rules loaded from `resources/gazetteers/`. Never imports Qt.
"""
