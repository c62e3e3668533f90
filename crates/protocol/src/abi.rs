//! The C ABI's fixed parts: versions, the buffer both sides hand over, the native sink, and
//! the build identity that allows same-build calls (docs/PLUGIN_ABI.md).

use crate::{CheckResponse, Diagnostic};
use budgetlint_model::Document;
use std::ffi::c_void;

/// Version of the calling convention: the exported symbols, [`BlBuffer`], and the envelope of the
/// JSON messages. Bump it when any of those change incompatibly; the host refuses plugins built
/// for another version.
///
/// 2: province templates in the request header's profile gained `required = "recommended"`
/// (a changed type) and new keys; from 2 on a plugin reads templates leniently, so a template
/// key added later is no version change (docs/PLUGIN_ABI.md, “Versions”).
pub const ABI_VERSION: u32 = 2;

/// The rule name used in [`RuleError`] when a failure concerns the whole request rather than
/// one rule (an undecodable request, a schema mismatch).
pub const WHOLE_REQUEST: &str = "*";

/// The first bytes of a binary request (see docs/PLUGIN_ABI.md, “Binary requests”): the host
/// sends one only to plugins whose info lists [`ENCODING_POSTCARD`] in `encodings`.
pub const BINARY_MAGIC: &[u8; 4] = b"BLB1";

/// Encodings of the document model in a request. JSON is always understood; `postcard` (the
/// documented postcard 1.x wire format of the same serde model) decodes about four times faster.
pub const ENCODING_JSON: &str = "json";
pub const ENCODING_POSTCARD: &str = "postcard";

/// A byte buffer handed across the boundary. It is always freed by the side that allocated it:
/// buffers returned by a plugin go back to that plugin's `budgetlint_free`; the request buffer
/// the host passes to `budgetlint_check` stays owned by the host and is only borrowed.
#[repr(C)]
#[derive(Debug)]
pub struct BlBuffer {
    pub ptr: *mut u8,
    pub len: usize,
    /// The allocation's capacity, so a Rust plugin can rebuild its `Vec`. C plugins may store 0.
    pub cap: usize,
}

impl BlBuffer {
    /// Hands `bytes` over to the caller; reclaim them with [`BlBuffer::into_vec`].
    pub fn from_vec(bytes: Vec<u8>) -> Self {
        let mut bytes = std::mem::ManuallyDrop::new(bytes);
        BlBuffer {
            ptr: bytes.as_mut_ptr(),
            len: bytes.len(),
            cap: bytes.capacity(),
        }
    }

    /// Takes back a buffer made by [`BlBuffer::from_vec`].
    ///
    /// # Safety
    /// `self` must come from `from_vec` in this same library and not have been reclaimed before.
    pub unsafe fn into_vec(self) -> Vec<u8> {
        if self.ptr.is_null() {
            return Vec::new();
        }
        // SAFETY: guaranteed by the caller: ptr/len/cap describe a Vec<u8> this library leaked.
        unsafe { Vec::from_raw_parts(self.ptr, self.len, self.cap) }
    }

    /// The bytes, borrowed.
    ///
    /// # Safety
    /// `ptr` must be null or point to `len` readable bytes that outlive the returned slice.
    pub unsafe fn as_slice(&self) -> &[u8] {
        if self.ptr.is_null() || self.len == 0 {
            return &[];
        }
        // SAFETY: guaranteed by the caller.
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }
}

/// How a plugin of the host's build hands back its response: the host's function, called exactly
/// once with the host's `context` and a `*const` [`CheckResponse`] that is valid for that call
/// only. The host copies what it keeps, so each side frees only what it allocated.
pub type NativeSink = unsafe extern "C" fn(context: *mut c_void, response: *const c_void);

/// What `budgetlint_check_native` lends a plugin of the host's build: the rules to run with
/// their options, the parsed document and the resolved profile, all read in place. Nothing is
/// encoded: decoding the profile (it carries the province templates) and the rules from JSON
/// once per plugin and document cost more than any single rule.
#[repr(C)]
pub struct NativeInput<'a> {
    pub rules: &'a [crate::messages::RuleRequest],
    pub document: &'a Document,
    pub profile: &'a crate::Profile,
}

/// The identity of this build's exchanged types. The host and a plugin compute the same value
/// only when both compiled the same sources of `budgetlint-model` and `budgetlint-protocol` with
/// the same compiler for the same target ([`budgetlint_model::BUILD_ID`], [`BUILD_ID`]), the main
/// types have the same sizes, and a decimal has the same representation (rust_decimal's version
/// may differ between two lock files). Only then may the host lend the plugin its own
/// [`Document`] and read the plugin's [`CheckResponse`] in place (`budgetlint_check_native`,
/// docs/PLUGIN_ABI.md “Same-build calls”); any other plugin gets and returns encodings.
pub fn build_identity() -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    (budgetlint_model::BUILD_ID, BUILD_ID).hash(&mut h);
    rust_decimal::Decimal::new(-1_234_567, 3)
        .serialize()
        .hash(&mut h);
    let layout = [
        std::mem::size_of::<Document>(),
        std::mem::align_of::<Document>(),
        std::mem::size_of::<budgetlint_model::Block>(),
        std::mem::size_of::<budgetlint_model::Fact>(),
        std::mem::size_of::<budgetlint_model::Cell>(),
        std::mem::size_of::<budgetlint_model::Span>(),
        std::mem::size_of::<rust_decimal::Decimal>(),
        std::mem::size_of::<CheckResponse>(),
        std::mem::size_of::<Diagnostic>(),
        std::mem::size_of::<crate::Profile>(),
        std::mem::size_of::<NativeInput>(),
    ];
    (layout, ABI_VERSION, budgetlint_model::SCHEMA_VERSION).hash(&mut h);
    h.finish()
}

/// The hash of this crate's sources, compiler and target (made by `build.rs`).
pub const BUILD_ID: &str = env!("BUDGETLINT_PROTOCOL_BUILD_ID");
