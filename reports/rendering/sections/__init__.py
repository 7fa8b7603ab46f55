"""The report's sections, in reading order, as platypus flowables: `first_page` (header,
what to discuss), `key_numbers`, `figures` (pain over time, where it hurts),
`circumstances`, `daily_log`.

Text the patient typed reaches a Paragraph only through `text.markup` (escaped) and a
table cell only through `text.clean`; everything else here is our own wording.
"""
