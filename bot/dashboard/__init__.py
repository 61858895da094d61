"""The staff dashboard: the city's side in a browser, on the same services as the chat."""
