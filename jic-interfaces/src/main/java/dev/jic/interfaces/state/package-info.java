/**
 * The certified-state boundary as the HTTPS interface sees it.
 *
 * <p>Safety: every certificate handed out is signed by the subnet over the root hash of a
 * committed state; a snapshot answers permission questions and certificates from one height.
 * Liveness: once a request's terminal status is certified, waiting synchronous calls are woken.
 */
package dev.jic.interfaces.state;
