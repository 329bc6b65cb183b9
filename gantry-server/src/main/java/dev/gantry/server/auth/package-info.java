/** Who may call the server: API tokens and local accounts with scopes, their secrets kept hashed, and the slowing down of guesses. */
package dev.gantry.server.auth;
