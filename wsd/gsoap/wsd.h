// Input of soapcpp2 for the gateway's WS-Discovery bindings. The generated
// serializers and the plugin sources of the gsoap package are compiled at
// build time; none of that code lives in this repository.
//
// WS-Discovery 2005/04 with WS-Addressing 2004/08, the dialect of DPWS
// printers and of Windows' network discovery.
#import "wsdd10.h"
