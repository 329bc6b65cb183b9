/** The server's audit log: every change made through it, hash-chained and anchored outside the database. */
package dev.gantry.server.audit;
