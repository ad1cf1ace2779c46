"""Article + catalog + edition → HTML: the Jinja2 environment and its
templates (`templates`), what a template sees (`context`), the filters it
uses (`filters`) and the labels (its own words) it needs (`labels`)."""
