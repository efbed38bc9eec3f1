"""`clusterfeeds demo`: the service on a built-in sample of the platforms, with no network.

The copies of Clusterplattform, ECCP and Kooperation International in `feeds/demo/sites/` (the
same ones the tests collect) are served on loopback by `feeds.demo.sites`; `demo_sources` names
them as sources whose loopback host folds into the real host, so stories link to the real sites.
"""
