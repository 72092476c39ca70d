"""Crawl state: HTTP validators per URL, host repositories by id, webhook deliveries."""
