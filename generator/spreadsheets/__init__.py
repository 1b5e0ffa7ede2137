"""Spreadsheets for communications leads: the template, export of an organisation's data, and import
back into its data file, with every cell checked."""
