"""The language layer, below everything else: each language's rules as one object
(`locales.locale_for`: words, plural rules, number, money and date formats, typed numbers and
dates, punctuation, CSV dialect) and the gettext catalog of every word the tool says
(`messages`), in French and English. Imports nothing of coconstruct."""
