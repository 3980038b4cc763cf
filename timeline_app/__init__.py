"""timeline_app: news articles in, an interactive zoomable timeline out."""

__version__ = "0.1.0"
