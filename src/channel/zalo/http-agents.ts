import http from "node:http";
import https from "node:https";

/** Reused connections to Zalo: one TLS handshake per socket instead of one per message. */
export function keepAliveAgents(): { httpAgent: http.Agent; httpsAgent: https.Agent } {
  return {
    httpAgent: new http.Agent({ keepAlive: true, maxSockets: 32 }),
    httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 32 }),
  };
}
