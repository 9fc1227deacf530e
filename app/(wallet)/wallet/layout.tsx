import type { ReactNode } from "react";
import { ServiceWorkerRegistration } from "@/components/wallet/service-worker-registration";

/** Every wallet page registers the offline worker (production builds only). */
export default function WalletLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <ServiceWorkerRegistration />
      {children}
    </>
  );
}
