//go:build tools

// Package coredns pins the command build.sh builds, so 'go mod tidy' keeps its dependencies.
package coredns

import _ "github.com/coredns/coredns"
