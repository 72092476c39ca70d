"""Signed webhooks to subscribers on create, update and delete of solutions and organisations."""
