/**
 * Security middleware for eddy-web apps: each piece behaves like the npm package an Express user
 * knows (helmet, cors, express-rate-limit, express-session, jsonwebtoken/jose), configured with
 * typed options that fail at startup when they are unsafe.
 */
package dev.eddy.security;
