"""The sync fault harness: laptop worker processes, the run (server, proxy, faults), the checks."""
