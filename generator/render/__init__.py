"""Stage 4, render: the model as page sources (Markdown front matter and rendered HTML), the annual
statements, the search records and the feed. Every text from the data is escaped here."""
