/**
 * Who may call the server: API tokens and local accounts with scopes, sessions, logins through an OpenID Connect
 * provider, their secrets kept hashed, and the slowing down of guesses.
 */
package dev.gantry.server.auth;
