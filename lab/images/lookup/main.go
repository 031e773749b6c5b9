// The lab's DNS check, run as a pod: resolves each name given with the resolver configuration the kubelet wrote into
// the container (/etc/resolv.conf: the cluster DNS Service, the pod's search domains) and prints one line per name,
// "NAME -> ADDRESSES" or "NAME -> error: ...". Go's own resolver, so the image needs no C library.
package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"sort"
	"strings"
	"time"
)

func main() {
	resolver := &net.Resolver{PreferGo: true}
	for _, name := range os.Args[1:] {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		addrs, err := resolver.LookupHost(ctx, name)
		cancel()
		if err != nil {
			fmt.Printf("%s -> error: %v\n", name, err)
			continue
		}
		sort.Strings(addrs)
		fmt.Printf("%s -> %s\n", name, strings.Join(addrs, ","))
	}
	if conf, err := os.ReadFile("/etc/resolv.conf"); err == nil {
		fmt.Printf("resolv.conf: %s\n", strings.ReplaceAll(strings.TrimSpace(string(conf)), "\n", "; "))
	}
}
