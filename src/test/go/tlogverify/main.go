// Command tlogverify checks Pillar's audit log checkpoints and proofs with Go's golang.org/x/mod/sumdb/note and
// sumdb/tlog packages, an implementation independent of Pillar's. It reads one JSON document from standard input:
//
//	{"verifierKey": "...", "checkpoint": "signed note text",
//	 "inclusion": [{"index": 3, "entry": "base64", "proof": ["base64 hash", ...]}],
//	 "consistency": [{"from": 5, "fromRoot": "base64 hash", "proof": ["base64 hash", ...]}],
//	 "witnessKeys": ["verifier key of a witness", ...]}
//
// With witnessKeys, the checkpoint must also carry a valid cosignature (an Ed25519 note signature) by every one of
// them; note.Open checks every signature by a known key and refuses the note if any is invalid.
//
// Every proof is checked against the tree of the checkpoint. It prints one line per failure and a last line
// "N passed, M failed", and exits 0 only if all passed.
package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type inclusion struct {
	Index int64    `json:"index"`
	Entry string   `json:"entry"`
	Proof []string `json:"proof"`
}

type consistency struct {
	From     int64    `json:"from"`
	FromRoot string   `json:"fromRoot"`
	Proof    []string `json:"proof"`
}

type input struct {
	VerifierKey string        `json:"verifierKey"`
	Checkpoint  string        `json:"checkpoint"`
	Inclusion   []inclusion   `json:"inclusion"`
	Consistency []consistency `json:"consistency"`
	WitnessKeys []string      `json:"witnessKeys"`
}

func hashes(in []string) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(in))
	for i, s := range in {
		h, err := tlog.ParseHash(s)
		if err != nil {
			return nil, err
		}
		out[i] = h
	}
	return out, nil
}

func main() {
	var in input
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		fmt.Println("cannot read the input:", err)
		os.Exit(2)
	}
	verifier, err := note.NewVerifier(in.VerifierKey)
	if err != nil {
		fmt.Println("bad verifier key:", err)
		os.Exit(2)
	}
	passed, failed := 0, 0
	verifiers := []note.Verifier{verifier}
	for _, k := range in.WitnessKeys {
		w, err := note.NewVerifier(k)
		if err != nil {
			fmt.Println("bad witness key:", err)
			os.Exit(2)
		}
		verifiers = append(verifiers, w)
	}
	n, err := note.Open([]byte(in.Checkpoint), note.VerifierList(verifiers...))
	if err != nil {
		fmt.Println("checkpoint signature: FAIL:", err)
		fmt.Printf("%d passed, %d failed\n", 0, 1)
		os.Exit(1)
	}
	passed++
	for _, w := range verifiers[1:] {
		found := false
		for _, sig := range n.Sigs {
			if sig.Name == w.Name() && sig.Hash == w.KeyHash() {
				found = true
			}
		}
		if found {
			passed++
		} else {
			fmt.Printf("cosignature by %s: FAIL: missing\n", w.Name())
			failed++
		}
	}
	logSigned := false
	for _, sig := range n.Sigs {
		if sig.Name == verifier.Name() && sig.Hash == verifier.KeyHash() {
			logSigned = true
		}
	}
	if !logSigned {
		fmt.Println("checkpoint signature: FAIL: not signed by the log key")
		os.Exit(1)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) < 4 {
		fmt.Println("checkpoint text: FAIL: too few lines")
		os.Exit(1)
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fmt.Println("checkpoint size: FAIL:", err)
		os.Exit(1)
	}
	root, err := tlog.ParseHash(lines[2])
	if err != nil {
		fmt.Println("checkpoint root: FAIL:", err)
		os.Exit(1)
	}
	for _, p := range in.Inclusion {
		entry, err := base64.StdEncoding.DecodeString(p.Entry)
		proof, err2 := hashes(p.Proof)
		if err == nil && err2 == nil {
			err = tlog.CheckRecord(tlog.RecordProof(proof), size, root, p.Index, tlog.RecordHash(entry))
		} else if err == nil {
			err = err2
		}
		if err != nil {
			fmt.Printf("inclusion of entry %d in tree %d: FAIL: %v\n", p.Index, size, err)
			failed++
		} else {
			passed++
		}
	}
	for _, c := range in.Consistency {
		old, err := tlog.ParseHash(c.FromRoot)
		proof, err2 := hashes(c.Proof)
		if err == nil && err2 == nil {
			err = tlog.CheckTree(tlog.TreeProof(proof), size, root, c.From, old)
		} else if err == nil {
			err = err2
		}
		if err != nil {
			fmt.Printf("consistency of tree %d with tree %d: FAIL: %v\n", c.From, size, err)
			failed++
		} else {
			passed++
		}
	}
	fmt.Printf("%d passed, %d failed\n", passed, failed)
	if failed > 0 {
		os.Exit(1)
	}
}
