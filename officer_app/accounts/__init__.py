"""Accounts: password hashing (passwords). The accounts themselves are stored by
officer_app.store (users), and who may do what is officer_app.permissions."""
