package dev.pillar.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTest {
    private static final HexFormat HEX = HexFormat.of();

    /** The eight leaves of the test vectors used by the Certificate Transparency implementations for RFC 6962 trees. */
    private static final String[] LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
    private static final String[] ROOTS = {
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    };

    private static TreeHashes tree(int n) {
        TreeHashes t = new TreeHashes();
        for (int i = 0; i < n; i++) {
            t.appendLeafHash(Merkle.leafHash(("entry " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return t;
    }

    /** MTH straight from the definition, over leaf hashes, to check the stored-subtree computation against. */
    private static byte[] mth(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return Merkle.emptyRoot();
        }
        if (leafHashes.size() == 1) {
            return leafHashes.getFirst();
        }
        int k = Integer.highestOneBit(leafHashes.size() - 1);
        return Merkle.nodeHash(mth(leafHashes.subList(0, k)), mth(leafHashes.subList(k, leafHashes.size())));
    }

    @Test
    void rootsMatchThePublishedVectors() {
        TreeHashes t = new TreeHashes();
        for (int i = 0; i < LEAVES.length; i++) {
            t.appendLeafHash(Merkle.leafHash(HEX.parseHex(LEAVES[i])));
            assertThat(HEX.formatHex(Merkle.root(t, t.size()))).as("root of size %d", i + 1).isEqualTo(ROOTS[i]);
        }
        for (int i = 0; i < LEAVES.length; i++) {
            assertThat(HEX.formatHex(Merkle.root(t, i + 1))).as("earlier size %d from the same nodes", i + 1).isEqualTo(ROOTS[i]);
        }
        assertThat(HEX.formatHex(Merkle.emptyRoot())).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void everyInclusionProofVerifiesAndAnyChangeBreaksIt() {
        int max = 70;
        TreeHashes t = tree(max);
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            leaves.add(t.node(0, i));
        }
        for (int n = 1; n <= max; n++) {
            byte[] root = Merkle.root(t, n);
            assertThat(root).isEqualTo(mth(leaves.subList(0, n)));
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = Merkle.inclusionProof(t, m, n);
                assertThat(Merkle.verifyInclusion(leaves.get(m), m, n, proof, root)).as("entry %d of %d", m, n).isTrue();
                assertThat(Merkle.verifyInclusion(leaves.get(m), m, n, proof, Merkle.leafHash(new byte[0]))).isFalse();
                if (n > 1) {
                    assertThat(Merkle.verifyInclusion(leaves.get((m + 1) % n), m, n, proof, root)).as("another entry").isFalse();
                    assertThat(Merkle.verifyInclusion(leaves.get(m), (m + 1) % n, n, proof, root)).as("another index").isFalse();
                    List<byte[]> changed = new ArrayList<>(proof);
                    byte[] first = changed.getFirst().clone();
                    first[0] ^= 1;
                    changed.set(0, first);
                    assertThat(Merkle.verifyInclusion(leaves.get(m), m, n, changed, root)).as("a changed proof").isFalse();
                    assertThat(Merkle.verifyInclusion(leaves.get(m), m, n, proof.subList(0, proof.size() - 1), root)).as("a short proof").isFalse();
                }
            }
        }
    }

    @Test
    void everyConsistencyProofVerifiesAndAForkIsCaught() {
        int max = 40;
        TreeHashes t = tree(max);
        TreeHashes fork = tree(max - 1);
        fork.appendLeafHash(Merkle.leafHash("rewritten".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        for (int n = 1; n <= max; n++) {
            for (int m = 1; m <= n; m++) {
                List<byte[]> proof = Merkle.consistencyProof(t, m, n);
                byte[] oldRoot = Merkle.root(t, m);
                byte[] newRoot = Merkle.root(t, n);
                assertThat(Merkle.verifyConsistency(m, n, oldRoot, newRoot, proof)).as("%d -> %d", m, n).isTrue();
                byte[] wrong = oldRoot.clone();
                wrong[5] ^= 1;
                assertThat(Merkle.verifyConsistency(m, n, wrong, newRoot, proof)).as("wrong old root %d -> %d", m, n).isFalse();
                byte[] wrongNew = newRoot.clone();
                wrongNew[5] ^= 1;
                assertThat(Merkle.verifyConsistency(m, n, oldRoot, wrongNew, proof)).as("wrong new root %d -> %d", m, n).isFalse();
            }
        }
        // a log that rewrote its last entry still extends every size before it, but not the size that held that entry
        for (int m = 1; m < max; m++) {
            assertThat(Merkle.verifyConsistency(m, max, Merkle.root(t, m), Merkle.root(fork, max), Merkle.consistencyProof(fork, m, max))).isTrue();
        }
        assertThat(Merkle.verifyConsistency(max, max, Merkle.root(t, max), Merkle.root(fork, max), List.of())).isFalse();
        TreeHashes longer = tree(max - 1);
        longer.appendLeafHash(Merkle.leafHash("rewritten".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        longer.appendLeafHash(Merkle.leafHash("more".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(Merkle.verifyConsistency(max, max + 1, Merkle.root(t, max), Merkle.root(longer, max + 1),
                Merkle.consistencyProof(longer, max, max + 1))).as("the forked log cannot prove it extends what a witness saw").isFalse();
        assertThat(Merkle.verifyConsistency(3, 5, Merkle.root(t, 3), Merkle.root(t, 5), List.of())).as("an empty proof").isFalse();
        assertThatThrownBy(() -> Merkle.consistencyProof(t, 0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Merkle.inclusionProof(t, 4, 4)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 to 3");
    }
}
