/** Who may call the server: API tokens with scopes, kept hashed, and the slowing down of guesses. */
package dev.gantry.server.auth;
