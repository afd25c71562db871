/** Cross-cutting pieces: problem+json errors, paging, configuration. */
package org.dealerpanel.common;
