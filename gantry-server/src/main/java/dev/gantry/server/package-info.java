/** The team server: the release service over HTTP, for people and CI, with accounts and tokens. */
package dev.gantry.server;
