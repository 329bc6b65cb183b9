/** The command line's client of the server's API. */
package dev.gantry.server.client;
