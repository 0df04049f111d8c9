// Command hydra builds Ory Hydra's own command line from the module proxy,
// so that tests run the real server without committing any of its source.
package main

import "github.com/ory/hydra/v2/cmd"

func main() {
	cmd.Execute()
}
