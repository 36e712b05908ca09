# Plain Printer-MIB (RFC 3805) and Host-Resources-MIB (RFC 2790): the fallback
# for every device whose sysObjectID enterprise has no profile of its own.
# The total comes from prtMarkerLifeCount; there are no per-function counters.
manufacturer = Generic
enterprise = 0
