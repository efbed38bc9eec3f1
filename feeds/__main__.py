"""`python -m feeds` is `clusterfeeds`."""

from feeds.cli import main

# The guard matters: granian's workers (and any multiprocessing "spawn" child) re-import the
# parent's main module; without it every worker ran the whole command line again.
if __name__ == "__main__":
    main()
