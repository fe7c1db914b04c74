/** The edge decoder lives in spec/ so that trace loading (checker) and the runtime share it. */
export { decodeWith, formatIssue, formatPath, type DecodeResult } from "../../spec/decode-result.js";
