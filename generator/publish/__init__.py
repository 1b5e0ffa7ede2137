"""Stage 5, write and publish: the page sources and downloads written into the pages folder, the PDFs
and the search index made in the background, and MkDocs building the site into a new folder that
replaces the published one only when everything has worked."""
