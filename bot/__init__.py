"""The interfaces: Slack (Bolt listeners, Block Kit views) and the HTTP server."""
