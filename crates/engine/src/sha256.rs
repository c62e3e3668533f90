//! SHA-256 (FIPS 180-4), for the trust list's content digests of rules.toml files: the digest
//! has to resist crafted collisions (a `git pull` that swaps a trusted rules.toml for one with
//! the same digest), which the FNV hash the baseline uses does not. Computed by the `sha2`
//! crate (RustCrypto), a maintained and reviewed implementation, not one of our own.

use sha2::{Digest, Sha256};

/// The SHA-256 digest of `data` as 64 lowercase hex digits (as `sha256sum` prints it).
pub fn hex(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    /// The FIPS 180-4 examples, plus lengths around the padding boundary checked against
    /// `sha256sum`.
    #[test]
    fn digests_match_the_standard_examples() {
        assert_eq!(
            super::hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            super::hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            super::hex(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        assert_eq!(
            super::hex(&[b'a'; 55]),
            "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"
        );
        assert_eq!(
            super::hex(&[b'a'; 64]),
            "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"
        );
    }
}
