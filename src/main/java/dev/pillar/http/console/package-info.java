/**
 * The web console: server-rendered pages (JTE templates in {@code src/main/jte}, htmx) for the secretariat,
 * compliance officers, delegates and engineers, with cookie sessions. Pages call the application layer only.
 */
package dev.pillar.http.console;
