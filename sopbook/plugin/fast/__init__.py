"""The speed machinery of the MkDocs adapter: pages rendered ahead on every CPU, the page
cache, dirty rebuilds and quick updates while serving, the content watcher and the site
clearer. Nothing here changes what a page shows; without it the site is the same."""
