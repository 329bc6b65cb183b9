/**
 * The dashboard's pages, rendered on the server from the core's records: every text they show is escaped here, and
 * they know nothing of HTTP (the server's own package reads the request and sends what they render).
 */
package dev.gantry.server.web;
