"""The language layer, below everything else: the gettext catalog of every word the tool says
(`messages`), in French and English. Imports nothing of coconstruct."""
