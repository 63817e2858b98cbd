"""Hostile and broken inputs, built at test time, and what the batch makes of each."""
