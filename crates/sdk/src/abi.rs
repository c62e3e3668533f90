//! The C ABI between host and plugins (filled in with the plugin system).
