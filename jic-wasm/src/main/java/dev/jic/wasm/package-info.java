/** See the module pom and ARCHITECTURE.md for what this module owns. */
package dev.jic.wasm;
