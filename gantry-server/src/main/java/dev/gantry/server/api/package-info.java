/** The shapes of the server's API, shared by the server and the command line that talks to it. */
package dev.gantry.server.api;
