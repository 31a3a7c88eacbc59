"""The local command socket: wire protocol, server and client, transports, single instance."""
