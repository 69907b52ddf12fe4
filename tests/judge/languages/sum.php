<?php $v=array_map("intval",preg_split("/\s+/",trim(fgets(STDIN)))); echo $v[0]+$v[1],"\n";
