# Kyocera Document Solutions (IANA enterprise 1347), KYOCERA-MIB.
# Function counters live in a table indexed <function>.<colour mode>:
# function 1 = printer, 2 = copier, 4 = fax; colour mode 1 = black and white,
# 3 = full colour. The same OIDs are used by the GLPI agent's Kyocera support
# and several public monitoring templates; checked against those, not against
# a vendor-published MIB file.
manufacturer = Kyocera
enterprise = 1347

[identity]
model = 1.3.6.1.4.1.1347.43.5.1.1.1.1          # kcprtGeneralModelName.1
serialNumber = 1.3.6.1.4.1.1347.43.5.1.1.28.1  # kcprtSerialNumber.1

[counters]
total = 1.3.6.1.4.1.1347.43.10.1.1.12.1.1      # kcprtMarkerServiceCount.1.1
printMono = 1.3.6.1.4.1.1347.42.3.1.2.1.1.1.1
printColor = 1.3.6.1.4.1.1347.42.3.1.2.1.1.1.3
copyMono = 1.3.6.1.4.1.1347.42.3.1.2.1.1.2.1
copyColor = 1.3.6.1.4.1.1347.42.3.1.2.1.1.2.3
fax = 1.3.6.1.4.1.1347.42.3.1.2.1.1.4.1
scan = 1.3.6.1.4.1.1347.46.10.1.1.5.3
