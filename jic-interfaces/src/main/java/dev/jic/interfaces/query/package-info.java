/**
 * The boundary between the HTTPS interface and non-replicated query execution.
 *
 * <p>Safety: a query never changes replicated state. Liveness: every query answers (reply,
 * reject or unavailable) within the query instruction limit.
 */
package dev.jic.interfaces.query;
